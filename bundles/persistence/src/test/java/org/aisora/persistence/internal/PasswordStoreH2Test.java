package org.aisora.persistence.internal;

/** The password store's contract on H2. */
final class PasswordStoreH2Test extends PasswordStoreContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
