package app.pdeck.security.credential;

import app.pdeck.platform.TrustStores;
import app.pdeck.platform.redis.RedisSettings;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One plain RESP2 connection for the few administrative commands Redisson has no API for ({@code ACL SETUSER},
 * {@code ACL LIST}, {@code ACL DELUSER}); TLS and authentication as configured for the application.
 */
final class RespSession implements AutoCloseable {

    /** A {@code -ERR …} reply. Its message is Redis's, which never contains the password sent. */
    static final class ErrorReply extends RuntimeException {
        ErrorReply(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RespSession open(RedisSettings settings, int timeoutMs) throws IOException {
        URI address = URI.create(settings.endpoint().address());
        Socket socket;
        if (settings.tls()) {
            SSLSocketFactory factory = settings.trustStore() == null
                    ? (SSLSocketFactory) SSLSocketFactory.getDefault()
                    : TrustStores.context(Path.of(settings.trustStore()), KeyStore.getDefaultType(),
                            settings.trustStorePassword(), "redis.tls.trust-store").getSocketFactory();
            SSLSocket ssl = (SSLSocket) factory.createSocket();
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            socket = ssl;
        } else {
            socket = new Socket();
        }
        socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        RespSession session = new RespSession(socket);
        try {
            if (settings.password() != null) {
                if (settings.username() != null) {
                    session.call("AUTH", settings.username(), settings.password());
                } else {
                    session.call("AUTH", settings.password());
                }
            }
            if (settings.endpoint().database() != 0) {
                session.call("SELECT", String.valueOf(settings.endpoint().database()));
            }
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** Sends one command; returns a String, Long, List or null; throws {@link ErrorReply} for an error reply. */
    Object call(String... arguments) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(bytes);
            request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(request.toByteArray());
        out.flush();
        return read();
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("Redis closed the connection");
        }
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ErrorReply(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    try {
                        items.add(read());
                    } catch (ErrorReply e) {
                        items.add(e);
                    }
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply from Redis");
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to release
        }
    }
}
