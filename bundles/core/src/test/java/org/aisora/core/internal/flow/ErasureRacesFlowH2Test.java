package org.aisora.core.internal.flow;

import org.aisora.persistence.internal.TestStores;

class ErasureRacesFlowH2Test extends ErasureRacesFlowContract {
    @Override
    TestStores database() {
        return TestStores.h2();
    }
}
