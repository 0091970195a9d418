/** Which processor handles which job name. */
import type { JobProcessor } from './processors/base';

export class ProcessorRegistry {
  private readonly processors = new Map<string, JobProcessor>();

  register(processor: JobProcessor): this {
    this.processors.set(processor.name, processor);
    return this;
  }

  get(name: string): JobProcessor | undefined {
    return this.processors.get(name);
  }

  names(): string[] {
    return [...this.processors.keys()];
  }
}
