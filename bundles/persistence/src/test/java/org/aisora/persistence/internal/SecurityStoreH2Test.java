package org.aisora.persistence.internal;

/** The security stores' contract on H2. */
final class SecurityStoreH2Test extends SecurityStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
