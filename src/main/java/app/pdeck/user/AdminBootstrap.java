package app.pdeck.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first administrator from {@code PDECK_ADMIN_EMAIL} / {@code PDECK_ADMIN_PASSWORD} at start-up when no
 * account has that email; an existing account with that email is left as it is.
 */
@ApplicationScoped
public class AdminBootstrap {

    @Inject
    Logger log;

    @Inject
    UserService userService;

    @Inject
    @ConfigProperty(name = "pdeck.admin.email")
    Optional<String> email;

    @Inject
    @ConfigProperty(name = "pdeck.admin.password")
    Optional<String> password;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (email.isEmpty() || email.get().isBlank()) {
            return;
        }
        if (password.isEmpty() || password.get().length() < 10) {
            log.warning("pdeck.admin.email is set but pdeck.admin.password is missing or shorter than 10 characters; "
                    + "no administrator created");
            return;
        }
        try {
            if (userService.findByEmail(email.get()).isEmpty()) {
                userService.create(email.get(), password.get(), "Administrator", Role.ADMIN);
                log.info("administrator account created from pdeck.admin.email");
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "could not create the administrator account (MongoDB unavailable?); "
                    + "it will be created at the next start: " + e.getMessage());
        }
    }
}
