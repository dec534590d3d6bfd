/** Worked examples of mnist-nn: the reference experiment's command line and the library from plain Java. */
module io.github.mnistnn.examples {
    requires transitive io.github.mnistnn.core;
    requires transitive io.github.mnistnn.data;
    requires java.desktop;
    requires jdk.httpserver;

    exports io.github.mnistnn.examples;
}
