package app.pdeck.migration;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Runs pending migrations while the application deploys: WildFly serves no request of the deployment before a
 * {@code @Startup} singleton has been constructed, so the API never sees the old data shape.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MigrationStartup {

    @Inject
    Migrations migrations;

    @PostConstruct
    void migrate() {
        migrations.runOnStart();
    }
}
