package app.pdeck.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** Roots every REST resource under {@code /api/v1}; callers sign in with MicroProfile JWT bearer tokens. */
@ApplicationPath("api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "pdeck")
public class RestApplication extends Application {
}
