// Drives the real chat (providers, App, a sandbox session) through Ink with in-memory terminals
// that keep nothing, asking many questions in one process and sampling memory as it goes.
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import { loadRunContext } from '../../source/config/run-context.js';
import { ChatSession } from '../../source/chat/session.js';
import { App } from '../../source/ui/app.js';
import { AnimationContext } from '../../source/ui/components/busy.js';
import { ChatProvider } from '../../source/ui/state/chat-provider.js';

class Terminal extends EventEmitter {
  columns = 100;
  rows = 40;
  isTTY = true;
  /** Answers drawn so far, counted as output arrives (the output itself is not kept). */
  answers = 0;
  write = (chunk: string) => {
    this.answers += chunk.split('You have ').length - 1;
    return true;
  };
}

class Keyboard extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
const questions = ['how many vpcs', 'how many subnets', 'how many security groups', 'how many kms keys', 'how many sns topics'];

export async function soak(total: number, sampleEvery: number, onSample: (done: number, rssMb: number, heapMb: number) => void): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'qchat-soak-'));
  const tiers = join(home, 'tiers.json');
  const features = { chat: true, help: true, diagnose: true, history: true, resourceQuestions: true, costQuestions: true, crossRegion: true };
  const limits = { requestsPerMonth: 1_000_000, requestsPerMinute: 1_000_000 };
  writeFileSync(tiers, JSON.stringify({ free: { features, limits }, pro: { features, limits } }));
  const context = loadRunContext({ sandbox: true, tiersFile: tiers }, { QCHAT_HOME: home, QCHAT_NOW: '2026-11-22T10:00:00Z' });
  const stdout = new Terminal();
  const stdin = new Keyboard();
  const instance = render(
    <AnimationContext.Provider value={false}>
      <ChatProvider loadContext={async () => context} onExit={() => {}} openSession={(c) => ChatSession.open(c)}>
        <App />
      </ChatProvider>
    </AnimationContext.Provider>,
    { stdout: stdout as never, stdin: stdin as never, exitOnCtrlC: false, patchConsole: false },
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (let done = 0; done < total; ) {
    const before = stdout.answers;
    stdin.write(questions[done % questions.length]!);
    await tick();
    stdin.write('\r');
    while (stdout.answers === before) await tick();
    done++;
    if (done % sampleEvery === 0) {
      global.gc?.();
      const memory = process.memoryUsage();
      onSample(done, memory.rss / 1048576, memory.heapUsed / 1048576);
    }
  }
  instance.unmount();
}
