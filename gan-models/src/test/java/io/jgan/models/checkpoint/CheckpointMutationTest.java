package io.jgan.models.checkpoint;

import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.SafetensorsFormatException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * 1,000 seeded random mutations of a valid checkpoint (bytes overwritten in the header or the
 * data, truncation, appended bytes, a new header length, spliced header text): every load of the
 * whole training state either succeeds, leaving the modules holding exactly the file's tensors, or
 * fails with {@link SafetensorsFormatException} or {@link CheckpointException}, never another
 * exception or an out-of-memory error.
 */
class CheckpointMutationTest {
    @Test
    void everyMutationLoadsValidStateOrFailsWithAFormatError() {
        CheckpointTest.Setup original = CheckpointTest.Setup.create(21);
        original.train(1);
        byte[] good = original.writer().toBytes();
        int headerEnd = 8 + (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        Rng rng = new Rng(2024);
        int loaded = 0;
        int rejected = 0;
        for (int i = 0; i < 1000; i++) {
            byte[] m = mutate(good, headerEnd, rng);
            CheckpointTest.Setup target = CheckpointTest.Setup.create(22);
            try {
                Checkpoint c = Checkpoint.read(m, "mutant-" + i);
                target.loadFrom(c);
                c.rng("noise");
                for (var e : target.g().stateDict().entrySet()) {
                    assertArrayEquals(c.moduleState("G").get(e.getKey()).toArray(), e.getValue().toArray(), "mutant " + i);
                }
                loaded++;
            } catch (SafetensorsFormatException | CheckpointException e) {
                assertTrue(e.getMessage().startsWith("mutant-" + i + ": "), e.getMessage());
                rejected++;
            } catch (Throwable t) {
                fail("mutant " + i + " raised " + t, t);
            }
        }
        System.out.println("checkpoint mutations: " + loaded + " loaded, " + rejected + " rejected");
        assertTrue(loaded > 50 && rejected > 50, "both outcomes occur: " + loaded + " loaded, " + rejected + " rejected");
    }

    private static byte[] mutate(byte[] good, int headerEnd, Rng rng) {
        byte[] m = good.clone();
        switch (rng.nextInt(7)) {
            case 0 -> { // a few random bytes anywhere
                for (int k = 1 + rng.nextInt(4); k > 0; k--) {
                    m[rng.nextInt(m.length)] = (byte) rng.nextInt(256);
                }
            }
            case 1 -> m[8 + rng.nextInt(headerEnd - 8)] = (byte) (32 + rng.nextInt(95)); // printable byte in the JSON
            case 2 -> m[8 + rng.nextInt(headerEnd - 8)] = (byte) ('0' + rng.nextInt(10)); // a digit: shapes, offsets
            case 3 -> m = Arrays.copyOf(m, rng.nextInt(m.length)); // truncation
            case 4 -> m = Arrays.copyOf(m, m.length + 1 + rng.nextInt(64)); // trailing garbage (zeros)
            case 5 -> { // a new header length: small, large, negative, near the real one
                long[] choices = {rng.nextInt(64), headerEnd - 8 + rng.nextInt(17) - 8, rng.nextLong(), 1L << 40, -1};
                ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putLong(0, choices[rng.nextInt(choices.length)]);
            }
            default -> { // flip a bit in the data section: a changed value must load as that value
                int at = headerEnd + rng.nextInt(m.length - headerEnd);
                m[at] ^= (byte) (1 << rng.nextInt(8));
            }
        }
        return m;
    }

    @Test
    void aDataBitFlipLoadsTheFlippedValue() throws Exception {
        CheckpointTest.Setup s = CheckpointTest.Setup.create(23);
        byte[] bytes = Checkpoint.writer().module(s.g()).toBytes();
        int headerEnd = 8 + (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        bytes[headerEnd] ^= 0x01; // lowest mantissa bit of 0.weight[0, 0]
        var g = CheckpointTest.generator(new Rng(24));
        Checkpoint.read(bytes, "flip").loadModule(g, true);
        Map<String, Tensor> sd = g.stateDict();
        float expected = Float.intBitsToFloat(Float.floatToRawIntBits(s.g().stateDict().get("0.weight").get(0, 0)) ^ 1);
        assertTrue(sd.get("0.weight").get(0, 0) == expected);
    }
}
