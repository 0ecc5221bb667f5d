package org.aisora.persistence.internal;

import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the {@code aisora} DataSource and only then publishes {@link SchemaReady}. The marker is
 * registered by hand rather than as this component's service: DS may register a component's service
 * before its activation has finished, and the stores must not see it before the schema exists. DS cannot
 * declare a service it does not register, so the capability is declared here for resolvers that
 * enforce service requirements (Karaf features of schema 1.3 and later).
 */
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=org.aisora.persistence.internal.SchemaReady")
@Component(immediate = true, service = {})
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final ServiceRegistration<SchemaReady> ready;

    @Activate
    public Database(@Reference(name = "dataSource", target = "(osgi.jndi.service.name=aisora)")
                    DataSource dataSource, BundleContext context) {
        MigrateResult result = Migrations.migrate(dataSource);
        LOG.info("schema was at version {}; {} migrations applied", result.initialSchemaVersion,
                result.migrationsExecuted);
        ready = context.registerService(SchemaReady.class, new SchemaReady(), null);
    }

    @Deactivate
    void deactivate() {
        ready.unregister();
    }
}
