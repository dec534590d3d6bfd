package io.github.mnistnn.opencl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalChainingTest {
    private static final String JVM = "7f00-7f10 r-xp 0 08:01 1 /usr/lib/jvm/java-17/lib/server/libjvm.so\n";
    private static final String LLVM = "7f20-7f30 r-xp 0 08:01 2 /usr/lib/x86_64-linux-gnu/libLLVM-15.so.1\n";
    private static final String JSIG = "7f40-7f50 r-xp 0 08:01 3 /usr/lib/jvm/java-17/lib/libjsig.so\n";

    @Test
    void warnsOnlyWhereLlvmIsMappedWithoutTheChainingLibrary() {
        assertThat(SignalChaining.unchained(JVM)).isFalse();
        assertThat(SignalChaining.unchained(JVM + LLVM)).isTrue();
        assertThat(SignalChaining.unchained(JSIG + JVM + LLVM)).isFalse();
    }

    @Test
    void theBuildsTestJvmsRunWithTheChainingLibrary() {
        // The parent POM preloads it for every test fork: without it PoCL's LLVM can crash the fork.
        assertThat(System.getenv("LD_PRELOAD")).endsWith("libjsig.so");
    }
}
