package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

/** Account abuse flows on H2. */
final class AccountAbuseFlowH2Test extends AccountAbuseFlowContract {
    @Override
    TestStores open() {
        return TestStores.h2();
    }
}
