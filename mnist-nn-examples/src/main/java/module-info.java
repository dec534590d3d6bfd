/**
 * Worked examples of mnist-nn: the reference experiment's command line, the reproductions of published results,
 * the draw-and-predict web app and the library from plain Java.
 */
module io.github.mnistnn.examples {
    requires transitive io.github.mnistnn.core;
    requires transitive io.github.mnistnn.data;
    requires java.desktop;
    requires info.picocli;
    requires jdk.httpserver;

    exports io.github.mnistnn.examples;
    // picocli sets the commands' options and creates their version provider by reflection.
    opens io.github.mnistnn.examples to info.picocli;
}
