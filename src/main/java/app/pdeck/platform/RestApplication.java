package app.pdeck.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Roots every REST resource under {@code /api/v1}; the WAR's context root is {@code /}. */
@ApplicationPath("api/v1")
public class RestApplication extends Application {
}
