package eu.billing.customers.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.apache.http.HttpException;
import org.apache.http.HttpResponse;
import org.apache.http.config.MessageConstraints;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.DefaultBHttpClientConnection;
import org.apache.http.message.BasicHttpEntityEnclosingRequest;
import org.apache.http.util.EntityUtils;

/**
 * Sends the fuzzer's requests exactly as generated, which REST Assured (rightly) refuses to do:
 * unknown and lower-case methods, a declared length that differs from the body, invalid UTF-8,
 * headers no client would send, and broken HTTP. It uses Apache HttpCore's client connection, the
 * transport under REST Assured, one level down: the library writes the request and parses the
 * answer; nothing here speaks HTTP by hand. One connection per request ({@code Connection: close}).
 */
final class FuzzClient {

    /** An answer: status, Content-Type and body. */
    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;

    FuzzClient(int port) {
        this.port = port;
    }

    Answer send(BadInputCorpus.Case c, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(timeoutMillis);
            DefaultBHttpClientConnection connection = new DefaultBHttpClientConnection(8 * 1024, 8 * 1024, null,
                    StandardCharsets.UTF_8.newEncoder(), MessageConstraints.DEFAULT, null, null, null, null);
            connection.bind(socket);
            if (c.protocolLevel()) {
                OutputStream out = socket.getOutputStream();
                out.write(c.raw());
                out.flush();
            } else {
                write(connection, c);
            }
            HttpResponse response = connection.receiveResponseHeader();
            int status = response.getStatusLine().getStatusCode();
            byte[] body = new byte[0];
            if (!c.head() && status >= 200 && status != 204 && status != 304) {
                connection.receiveResponseEntity(response);
                byte[] read = EntityUtils.toByteArray(response.getEntity());
                body = read == null ? body : read;
            }
            String contentType = response.containsHeader("Content-Type")
                    ? response.getFirstHeader("Content-Type").getValue() : "";
            return new Answer(status, contentType, body);
        } catch (HttpException e) {
            throw new IOException("unparseable answer: " + e.getMessage(), e);
        }
    }

    private static void write(DefaultBHttpClientConnection connection, BadInputCorpus.Case c) throws IOException {
        BasicHttpEntityEnclosingRequest request = new BasicHttpEntityEnclosingRequest(c.method(), c.target());
        request.addHeader("Host", "127.0.0.1");
        request.addHeader("Connection", "close");
        c.headers().forEach(request::addHeader);
        if (c.body() != null && !c.headers().containsKey("Content-Length")) {
            request.addHeader("Content-Length", String.valueOf(c.body().length));
        }
        try {
            connection.sendRequestHeader(request);
            if (c.body() != null) {
                request.setEntity(new ByteArrayEntity(c.body()));
                connection.sendRequestEntity(request);
            }
            connection.flush();
        } catch (IOException e) {
            // the server may answer (413) and close before reading everything: read what it sent
        } catch (HttpException e) {
            throw new IOException(e);
        }
    }
}
