package org.kttcp4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** docs/netbsd.md's request numbers, from sys/sys/ioccom.h's encoding and the struct's size. */
class IoctlRequestTest {
    @Test
    void lp64AndEarmRequests() {
        assertEquals(0xC0284B00L, IoctlRequest.kttcpSend(40));
        assertEquals(0xC0284B01L, IoctlRequest.kttcpRecv(40));
    }

    @Test
    void i386Requests() {
        assertEquals(0xC0244B00L, IoctlRequest.kttcpSend(36));
        assertEquals(0xC0244B01L, IoctlRequest.kttcpRecv(36));
    }

    @Test
    void encodingFollowsIoccom() {
        // _IOC(IOC_VOID, 'K', 7, 0): no direction bits but void, no length
        assertEquals(0x20004B07L, IoctlRequest.ioc(IoctlRequest.IOC_VOID, 'K', 7, 0));
        // length is masked to 13 bits (IOCPARM_MASK 0x1fff)
        assertEquals(IoctlRequest.iowr('K', 0, 0x2000 + 40), IoctlRequest.iowr('K', 0, 40));
        assertEquals("0xc0284b00", IoctlRequest.hex(IoctlRequest.kttcpSend(40)));
    }
}
