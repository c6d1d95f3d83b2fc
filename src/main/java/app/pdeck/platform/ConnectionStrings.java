package app.pdeck.platform;

import java.util.regex.Pattern;

/** Makes backend addresses safe to log: any user-info part of a URL is replaced. */
public final class ConnectionStrings {

    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^@/]*@");

    private ConnectionStrings() {
    }

    /** {@code mongodb://app:secret@db1,db2/x} becomes {@code mongodb://***@db1,db2/x}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        return USER_INFO.matcher(url).replaceFirst("***@");
    }
}
