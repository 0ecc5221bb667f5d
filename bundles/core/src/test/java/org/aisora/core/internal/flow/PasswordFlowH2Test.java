package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

/** Password flows on H2. */
final class PasswordFlowH2Test extends PasswordFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
