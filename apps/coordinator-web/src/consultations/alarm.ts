import { ref, type Ref } from 'vue';

const MUTE_KEY = 'tmk.coordinator.alarmMuted';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;
let unlockInstalled = false;

function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor: AudioContextClass | undefined =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ??
        (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext);
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    context = null;
  }
  return context;
}

/** Browsers start audio only after a gesture: the first click or key press anywhere unlocks it. */
function installUnlock(): void {
  if (unlockInstalled || typeof document === 'undefined') return;
  unlockInstalled = true;
  const unlock = (): void => {
    const ctx = audioContext();
    if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    document.removeEventListener('pointerdown', unlock, true);
    document.removeEventListener('keydown', unlock, true);
  };
  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('keydown', unlock, true);
}

/** Three short high beeps (WebAudio, nothing to download). Silently nothing where audio is unavailable. */
function beep(): void {
  const ctx = audioContext();
  if (!ctx) return;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    const at = start + i * 0.22;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(i === 2 ? 1175 : 880, at);
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.18);
  }
}

export interface EmergencyAlarm {
  /** The dispatcher's choice, kept in this browser. */
  readonly muted: Ref<boolean>;
  toggle(): void;
  /** Sounds the alarm unless muted. */
  play(): void;
}

/** The short sound of a new emergency request, with a mute switch remembered per browser. */
export function useEmergencyAlarm(): EmergencyAlarm {
  installUnlock();
  const muted = ref(storage()?.getItem(MUTE_KEY) === '1');
  return {
    muted,
    toggle() {
      muted.value = !muted.value;
      storage()?.setItem(MUTE_KEY, muted.value ? '1' : '0');
      if (!muted.value) audioContext(); // a click: a good moment to create (and so unlock) the context
    },
    play() {
      if (!muted.value) beep();
    },
  };
}
