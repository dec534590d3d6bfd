/**
 * The draw-and-predict web app of the examples: {@link io.github.mnistnn.examples.web.DigitServer} on the JDK's
 * own HTTP server, its page (resources beside these classes, nothing fetched from elsewhere) and its JSON API.
 * Not exported; {@code java -jar mnist-nn-examples.jar serve} starts it.
 */
package io.github.mnistnn.examples.web;
