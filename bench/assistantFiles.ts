// The assistant files the bench opens, generated the same way every run: a small one, a realistic one
// (long prompt, 40 tools, every plan set) and a large one (hundreds of tools), all valid for the
// current Vapi API; the large one again with 1, 10 and 150 mistakes and with a syntax error in the
// middle, as a file is while someone edits it; plus the places in them where completion and hover are asked.
import { findNodeAtLocation, parseTree, type JSONPath, type Node } from 'jsonc-parser';

export type BenchFileName = 'small' | 'realistic' | 'large' | 'large+1' | 'large+10' | 'large+150' | 'large+syntax';

export interface BenchFile {
  name: BenchFileName;
  text: string;
  lines: number;
  /** Offset of a character inside the system prompt: the one-character edit happens here. */
  editOffset: number;
  probes: Probe[];
  /** The 0-based line of each mistake put into the file: every server must report an error there. */
  mistakeLines: number[];
}

export interface Probe {
  label: string;
  offset: number;
  expectCompletion?: string;
}

/** Where completion and hover are asked: a key (cursor just inside its opening quote) or a string value. */
interface ProbeSpec {
  label: string;
  path: (toolCount: number) => JSONPath;
  at: 'key' | 'value';
  inTool?: boolean;
  /** A completion label a right answer contains (a key the files lack: present keys are not offered). */
  expectCompletion?: string;
}

const probeSpecs: ProbeSpec[] = [
  { label: 'top-level key', path: () => ['name'], at: 'key', expectCompletion: 'hooks' },
  { label: 'top-level enum value', path: () => ['firstMessageMode'], at: 'value', expectCompletion: '"assistant-waits-for-user"' },
  { label: 'model.provider value', path: () => ['model', 'provider'], at: 'value', expectCompletion: '"anthropic"' },
  { label: 'model.model enum value', path: () => ['model', 'model'], at: 'value', expectCompletion: '"gpt-4o-mini"' },
  { label: 'model key (openai branch)', path: () => ['model', 'temperature'], at: 'key', expectCompletion: 'reasoningEffort' },
  { label: 'voice.provider value', path: () => ['voice', 'provider'], at: 'value', expectCompletion: '"cartesia"' },
  { label: 'voice key (azure branch)', path: () => ['voice', 'speed'], at: 'key', expectCompletion: 'fallbackPlan' },
  { label: 'voice.chunkPlan.formatPlan key', path: () => ['voice', 'chunkPlan', 'formatPlan', 'enabled'], at: 'key', expectCompletion: 'replacements' },
  { label: 'transcriber.language value', path: () => ['transcriber', 'language'], at: 'value', expectCompletion: '"fr"' },
  { label: 'tool key (middle tool)', path: (n) => ['model', 'tools', middleFunctionTool(n), 'async'], at: 'key', inTool: true, expectCompletion: 'rejectionPlan' },
  { label: 'tool message type (middle tool)', path: (n) => ['model', 'tools', middleFunctionTool(n), 'messages', 0, 'type'], at: 'value', inTool: true, expectCompletion: '"request-failed"' },
  { label: 'plan key (stopSpeakingPlan)', path: () => ['stopSpeakingPlan', 'numWords'], at: 'key', expectCompletion: 'acknowledgementPhrases' },
];

const toolCounts = { small: 0, realistic: 40, large: 584 } as const;

/** The files with mistakes: the large file with this many schema mistakes, or with one syntax error. */
const brokenVariants = [
  { name: 'large+1', mistakes: 1 },
  { name: 'large+10', mistakes: 10 },
  { name: 'large+150', mistakes: 150 },
  { name: 'large+syntax', mistakes: 0 },
] as const;

export function benchFiles(): BenchFile[] {
  const valid = (['small', 'realistic', 'large'] as const).map((name) => benchFile(name, assistant(name, toolCounts[name]), toolCounts[name]));
  const broken = brokenVariants.map(({ name, mistakes }) => {
    const value = assistant('large', toolCounts.large);
    const paths = mistakes > 0 ? putMistakes(value, mistakes) : [];
    return benchFile(name, value, toolCounts.large, paths, name === 'large+syntax');
  });
  return [...valid, ...broken];
}

function benchFile(name: BenchFileName, value: Record<string, unknown>, toolCount: number, mistakePaths: JSONPath[] = [], syntaxError = false): BenchFile {
  let text = JSON.stringify(value, null, 2) + '\n';
  let mistakeLines = mistakePaths.map((path) => lineOf(text, nodeAt(parseTree(text)!, path, name).offset));
  if (syntaxError) {
    // A comma left out between two properties of a tool in the middle, as when a line is pasted in.
    const tool = nodeAt(parseTree(text)!, ['model', 'tools', syntaxErrorTool(toolCount)], name);
    const comma = text.indexOf(',\n', tool.offset);
    text = text.slice(0, comma) + text.slice(comma + 1);
    mistakeLines = [lineOf(text, comma) + 1];
  }
  const tree = parseTree(text)!;
  const probes = probeSpecs.filter((spec) => toolCount > 0 || !spec.inTool).map((spec) => {
    const node = nodeAt(tree, spec.path(toolCount), name);
    const target = spec.at === 'key' ? node.parent!.children![0] : node;
    return { label: spec.label, offset: target.offset + 1, expectCompletion: spec.expectCompletion };
  });
  const prompt = nodeAt(tree, ['model', 'messages', 0, 'content'], name);
  return { name, text, lines: text.split('\n').length - 1, editOffset: prompt.offset + Math.floor(prompt.length / 2), probes, mistakeLines };
}

function nodeAt(tree: Node, path: JSONPath, file: string): Node {
  const node = findNodeAtLocation(tree, path);
  if (!node?.parent) throw new Error(`bench file ${file}: nothing at ${path.join('.')}`);
  return node;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Puts `count` mistakes into as many tools spread over the file (never the tool the probes ask about), of
 * the kinds people make: a misspelt enum value, a wrong type, an unknown key. Returns where each is (for
 * an unknown key, its object): one error each.
 */
function putMistakes(value: Record<string, unknown>, count: number): JSONPath[] {
  const tools = (value.model as { tools: Record<string, any>[] }).tools;
  const paths: JSONPath[] = [];
  for (let i = 0; i < count; i++) {
    const index = Math.floor(((i + 0.5) * tools.length) / count) + 1;
    if (index === middleFunctionTool(tools.length)) throw new Error('a bench mistake would land in the probed tool');
    const tool = tools[index];
    const at: JSONPath = ['model', 'tools', index];
    switch (i % 5) {
      case 0:
        tool.messages[0].type = 'request-strat';
        paths.push([...at, 'messages', 0, 'type']);
        break;
      case 1:
        tool.messages[3].timingMilliseconds = 'slow';
        paths.push([...at, 'messages', 3, 'timingMilliseconds']);
        break;
      case 2:
        tool.colour = 'blue';
        paths.push([...at, 'colour']);
        break;
      case 3:
        tool.messages[1].role = 'assistent';
        paths.push([...at, 'messages', 1, 'role']);
        break;
      default:
        tool.messages[2].content = 42;
        paths.push([...at, 'messages', 2, 'content']);
    }
  }
  return paths;
}

/** An endCall tool next to the probed one. */
function syntaxErrorTool(toolCount: number): number {
  return middleFunctionTool(toolCount) - 2;
}

/** Tools cycle through function, transferCall, endCall and dtmf; this is the function tool nearest the middle. */
function middleFunctionTool(toolCount: number): number {
  return Math.floor(toolCount / 8) * 4;
}

function assistant(size: 'small' | 'realistic' | 'large', toolCount: number): Record<string, unknown> {
  const random = seededRandom(20260818);
  const small = size === 'small';
  const core = {
    name: `Front desk (${size})`,
    firstMessage: 'Hello, thank you for calling Northwind Dental. How can I help you today?',
    firstMessageMode: 'assistant-speaks-first',
    model: {
      provider: 'openai',
      model: 'gpt-4o',
      temperature: 0.4,
      maxTokens: 400,
      messages: [{ role: 'system', content: prompt(random, small ? 12 : 160) }],
      ...(toolCount > 0 ? { tools: Array.from({ length: toolCount }, (_, i) => tool(i, random)) } : {}),
    },
    voice: {
      provider: 'azure',
      voiceId: 'en-US-JennyNeural',
      speed: 1.05,
      chunkPlan: { enabled: true, minCharacters: 30, formatPlan: { enabled: true, numberToDigitsCutoff: 2025 } },
    },
    transcriber: { provider: 'deepgram', language: 'en', smartFormat: true },
    stopSpeakingPlan: { numWords: 2, voiceSeconds: 0.3, backoffSeconds: 1 },
  };
  if (small) {
    return {
      ...core,
      maxDurationSeconds: 600,
      endCallPhrases: ['goodbye', 'have a nice day'],
      server: { url: 'https://hooks.northwind.example/vapi', timeoutSeconds: 20 },
      artifactPlan: { recordingEnabled: true, recordingFormat: 'mp3', transcriptPlan: { enabled: true } },
    };
  }
  return {
    ...core,
    firstMessageInterruptionsEnabled: false,
    voicemailMessage: 'Hi, this is Northwind Dental returning your call. Please call us back at your convenience.',
    endCallMessage: 'Thank you for calling Northwind Dental. Goodbye!',
    endCallPhrases: ['goodbye', 'have a nice day', 'talk to you later', 'bye for now'],
    maxDurationSeconds: 1200,
    modelOutputInMessagesEnabled: true,
    clientMessages: ['conversation-update', 'function-call', 'hang', 'model-output', 'speech-update', 'status-update', 'transcript', 'tool-calls', 'user-interrupted'],
    serverMessages: ['conversation-update', 'end-of-call-report', 'function-call', 'hang', 'status-update', 'tool-calls', 'transfer-destination-request', 'user-interrupted'],
    metadata: { team: 'patient-experience', owner: 'ops@northwind.example', revision: 42 },
    server: { url: 'https://hooks.northwind.example/vapi', timeoutSeconds: 20, headers: { 'x-clinic': 'main-street' } },
    compliancePlan: { hipaaEnabled: true, pciEnabled: false },
    analysisPlan: {
      minMessagesThreshold: 2,
      summaryPlan: { enabled: true, timeoutSeconds: 10 },
      structuredDataPlan: {
        enabled: true,
        timeoutSeconds: 15,
        schema: {
          type: 'object',
          properties: {
            appointmentBooked: { type: 'boolean', description: 'Whether an appointment was booked' },
            reason: { type: 'string', description: 'Why the patient called' },
          },
          required: ['appointmentBooked'],
        },
      },
      successEvaluationPlan: { rubric: 'PassFail', enabled: true, timeoutSeconds: 10 },
    },
    artifactPlan: {
      recordingEnabled: true,
      recordingFormat: 'mp3',
      videoRecordingEnabled: false,
      loggingEnabled: true,
      transcriptPlan: { enabled: true, assistantName: 'Receptionist', userName: 'Patient' },
    },
    startSpeakingPlan: {
      waitSeconds: 0.4,
      transcriptionEndpointingPlan: { onPunctuationSeconds: 0.1, onNoPunctuationSeconds: 1.5, onNumberSeconds: 0.5 },
    },
    monitorPlan: { listenEnabled: true, controlEnabled: false },
    keypadInputPlan: { enabled: true, timeoutSeconds: 3, delimiters: '#' },
    backgroundSpeechDenoisingPlan: {
      smartDenoisingPlan: { enabled: true },
      fourierDenoisingPlan: { enabled: false, mediaDetectionEnabled: true, staticThreshold: -35, baselineOffsetDb: -15, windowSizeMs: 3000, baselinePercentile: 85 },
    },
    observabilityPlan: { provider: 'langfuse', tags: ['front-desk', size], traceName: 'front-desk-call' },
  };
}

function tool(index: number, random: () => number): Record<string, unknown> {
  const topic = pick(random, topics);
  const messages = [
    { type: 'request-start', content: `One moment while I ${pick(random, verbs)} the ${topic}.` },
    { type: 'request-complete', role: 'assistant', content: `Done, the ${topic} is updated.` },
    { type: 'request-failed', content: `Sorry, I could not reach the ${topic} system right now.` },
    { type: 'request-response-delayed', timingMilliseconds: 2000, content: 'This is taking a little longer than usual.' },
  ];
  switch (index % 4) {
    case 0:
      return {
        type: 'function',
        async: index % 8 === 0,
        messages,
        function: {
          name: `${pick(random, verbs)}_${topic.replace(/ /g, '_')}_${index}`,
          description: sentence(random, 18),
          parameters: {
            type: 'object',
            properties: {
              patientId: { type: 'string', description: 'The patient record id' },
              date: { type: 'string', format: 'date', description: 'Day of the appointment' },
              urgency: { type: 'string', enum: ['routine', 'soon', 'urgent'], description: 'How soon the patient needs care' },
            },
            required: ['patientId'],
          },
        },
        server: { url: `https://hooks.northwind.example/tools/${index}`, timeoutSeconds: 10 },
      };
    case 1:
      return {
        type: 'transferCall',
        messages,
        destinations: [
          { type: 'number', number: `+1415555${String(1000 + index).slice(-4)}`, description: `Transfer to the ${topic} desk` },
        ],
      };
    case 2:
      return { type: 'endCall', messages };
    default:
      return { type: 'dtmf', messages, sipInfoDtmfEnabled: index % 8 === 3 };
  }
}

const topics = ['appointment', 'insurance claim', 'billing record', 'referral', 'prescription', 'recall list', 'x-ray request', 'waiting list'];
const verbs = ['check', 'book', 'cancel', 'update', 'confirm', 'look_up'];
const words = (
  'patient caller clinic dentist hygienist appointment calendar insurance policy visit cleaning filling crown emergency ' +
  'always never politely confirm repeat spell number date time address reschedule weekday morning afternoon calmly ' +
  'ask wait offer explain before after only when if the a to of and for with your their our this that'
).split(' ');

function prompt(random: () => number, sentences: number): string {
  const paragraphs: string[] = ['You are the receptionist of Northwind Dental, a family dental clinic.'];
  for (let i = 0; i < sentences; i += 8) {
    paragraphs.push(Array.from({ length: Math.min(8, sentences - i) }, () => sentence(random, 14)).join(' '));
  }
  return paragraphs.join('\n\n');
}

function sentence(random: () => number, length: number): string {
  const text = Array.from({ length }, () => pick(random, words)).join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** mulberry32: a tiny PRNG so every run writes byte-identical files. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
