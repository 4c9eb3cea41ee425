import type { Benchmark } from './Benchmark.ts';
import { contractsBench } from './contractsBench.ts';
import { devmongoBench } from './devmongoBench.ts';
import { devstoreBench } from './devstoreBench.ts';
import { gatewayBench } from './gatewayBench.ts';
import { runtimeBench } from './runtimeBench.ts';

/** Every benchmark, by name. Add one line per benchmark file. */
export const benchmarks: readonly Benchmark[] = [contractsBench, devmongoBench, devstoreBench, gatewayBench, runtimeBench];
