package io.jgan.models.checkpoint;

import io.jgan.autograd.Variable;
import io.jgan.nn.Sequential;
import io.jgan.tensor.Rng;
import io.jgan.tensor.Tensor;
import io.jgan.tensor.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where {@code /usr/bin/python3} has torch (Debian's python3-torch), PyTorch itself loads a jgan
 * generator checkpoint into the equivalent {@code torch.nn.Sequential} with
 * {@code load_state_dict(strict=True)} and reproduces jgan's output. safetensors' Python package is
 * not in Debian, so the script reads the file with struct + torch.frombuffer, exactly as the format
 * specifies (or with {@code safetensors.torch.load_file} when that package is installed).
 */
class PyTorchLoadsCheckpointTest {
    private static final String SCRIPT = """
            import json, struct, sys, torch
            def load(path):
                try:
                    from safetensors.torch import load_file
                    return load_file(path)
                except ImportError:
                    b = open(path, 'rb').read()
                    n = struct.unpack('<Q', b[:8])[0]
                    h = json.loads(b[8:8 + n]); h.pop('__metadata__', None)
                    assert all(v['dtype'] == 'F32' for v in h.values())
                    return {k: torch.frombuffer(bytearray(b[8 + n + v['data_offsets'][0]:8 + n + v['data_offsets'][1]]),
                                                dtype=torch.float32).reshape(v['shape']) for k, v in h.items()}
            nn = torch.nn
            g = nn.Sequential(nn.Linear(8, 256), nn.Unflatten(1, (16, 4, 4)), nn.BatchNorm2d(16), nn.ReLU(),
                              nn.ConvTranspose2d(16, 1, 4, 2, 1, bias=False), nn.Tanh())
            g.load_state_dict(load(sys.argv[1]), strict=True)
            g.eval()
            io = load(sys.argv[2])
            with torch.no_grad():
                out = g(io['z'])
            err = (out - io['out']).abs().max().item()
            print('max abs difference', err)
            sys.exit(0 if err < 1e-5 else 3)
            """;

    @Test
    void pyTorchLoadsAJganGenerator(@TempDir Path dir) throws Exception {
        assumeTrue(hasTorch(), "/usr/bin/python3 with torch is not available");
        Rng rng = new Rng(31);
        Sequential g = CheckpointTest.generator(rng.split("init"));
        g.forward(Tensor.randn(rng, 16, 8)); // one training batch: non-trivial running statistics
        g.eval();
        Tensor z = Tensor.randn(rng, 5, 8);
        Variable out = g.forward(z);
        Path ckpt = dir.resolve("generator.safetensors");
        Checkpoint.writer().module(g).write(ckpt);
        Path io = dir.resolve("io.safetensors");
        Safetensors.write(io, Map.of("z", z, "out", out.value()), Map.of());
        Path script = dir.resolve("load.py");
        Files.writeString(script, SCRIPT);
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), ckpt.toString(), io.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), log);
    }

    private static boolean hasTorch() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
