import { setFlagsFromString } from 'node:v8';

/**
 * For `lint --live`: the run waits on the network for seconds to minutes, holding the parsed
 * inventories. V8 doubles its young generation each time enough survives a scavenge, and the
 * inventory's model survives every one: 2 x 16 MB by the end of the parse, kept through the
 * probes, a fifth of the run's memory (P4b in the README). Holding it at its initial size costs
 * such a run no measurable time. --max-semi-space-size would too, but only as a flag given to node
 * at its start; the growth factor is read when V8 grows the space, so it can be set here. It
 * stays set for the process: one command runs per CLI process.
 */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
