package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

/** Session and scoped-token flows on H2. */
final class SessionsFlowH2Test extends SessionsFlowContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
