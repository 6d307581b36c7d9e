package org.kttcp4j.device;

import org.kttcp4j.posix.Kernel;
import org.kttcp4j.testing.FakeNetBsdKernel;

/**
 * The contract that the real kttcp.c (rump, NetBSD) must meet, run in every build against the fake NetBSD kernel
 * on Linux's sockets: proves the fake behaves as the real device does where the contract pins it, so the tests
 * that script the fake (KttcpDeviceFakeKernelTest) test kttcp4j against a faithful kernel.
 */
class KttcpDeviceFakeKernelContractTest extends KttcpDeviceContract {
    private final FakeNetBsdKernel fake = new FakeNetBsdKernel();

    @Override
    Kernel kernel() {
        return fake.kernel();
    }
}
