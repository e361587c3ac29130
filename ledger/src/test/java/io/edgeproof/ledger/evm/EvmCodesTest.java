package io.edgeproof.ledger.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The contracts' fault and event numbers are the Java enums' ordinals: a reordered enum breaks this test. */
class EvmCodesTest {
    @Test
    void solidityCodesAreTheJavaOrdinals() throws IOException {
        String source = Files.readString(Path.of("contracts/Ledger.sol"));
        Matcher m = Pattern.compile("uint8 constant (\\w+) = (\\d+);").matcher(source);
        Map<String, Integer> codes = new LinkedHashMap<>();
        while (m.find()) {
            codes.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        for (Fault f : Fault.values()) {
            assertThat(codes.get(f.name())).as(f.name()).isEqualTo(f.ordinal());
        }
        for (EventType e : EventType.values()) {
            // Event kinds that share a fault's name carry a suffix in Solidity.
            String name = codes.containsKey(e.name()) && isFault(e.name()) ? e.name() + "_EVENT" : e.name();
            assertThat(codes.get(name)).as(name).isEqualTo(e.ordinal());
        }
        assertThat(codes).hasSize(Fault.values().length + EventType.values().length + 1);
    }

    private static boolean isFault(String name) {
        for (Fault f : Fault.values()) {
            if (f.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
