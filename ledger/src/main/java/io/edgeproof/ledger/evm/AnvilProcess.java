package io.edgeproof.ledger.evm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A local anvil chain on 127.0.0.1 started through scripts/chain/anvil.sh (which installs it from npm). */
public final class AnvilProcess implements AutoCloseable {
    private final Process process;
    private final String rpcUrl;

    private AnvilProcess(Process process, String rpcUrl) {
        this.process = process;
        this.rpcUrl = rpcUrl;
    }

    /** Starts anvil with its genesis at {@code genesisTime} and waits until it answers JSON-RPC. */
    public static AnvilProcess start(Path chainScripts, long genesisTime) {
        try {
            Process p = new ProcessBuilder(chainScripts.resolve("anvil.sh").toString(), "--timestamp",
                    Long.toString(genesisTime)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String port = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (port == null || !port.matches("\\d+")) {
                p.destroyForcibly();
                throw new IllegalStateException("anvil.sh did not print a port (exit " + p.waitFor() + ")");
            }
            AnvilProcess anvil = new AnvilProcess(p, "http://127.0.0.1:" + port);
            anvil.awaitReady();
            return anvil;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(rpcUrl)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .timeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < 200; i++) {
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue());
            }
            Thread.sleep(25);
        }
        close();
        throw new IllegalStateException("anvil did not answer at " + rpcUrl);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
