/** What the console tells the agent outside the page's content: toasts, the optional sound, desktop notifications. */
import { load, save } from "../storage";
import { changed } from "./render";

const TOAST_MS = 6000;
const MAX_TOASTS = 4;

export const notifications = {
  toasts: [] as { id: number; text: string }[],
  sound: load<boolean>("sound", false),
};

let toastN = 0;
export function toast(text: string): void {
  const id = ++toastN;
  notifications.toasts = [...notifications.toasts, { id, text }].slice(-MAX_TOASTS);
  changed();
  setTimeout(() => {
    notifications.toasts = notifications.toasts.filter((t) => t.id !== id);
    changed();
  }, TOAST_MS);
}

/** Something needs the agent: a desktop notification when the tab is hidden, the sound if on, and a toast. */
export function alertAgent(title: string, body: string): void {
  if (
    typeof Notification !== "undefined" &&
    Notification.permission === "granted" &&
    document.visibilityState !== "visible"
  ) {
    try {
      new Notification(title, { body: body.slice(0, 200), tag: "handoff" });
    } catch {
      /* some browsers only allow notifications from a service worker */
    }
  }
  if (notifications.sound) beep();
  toast(title);
}

export function setSound(on: boolean): void {
  notifications.sound = on;
  save("sound", on);
  if (on) beep();
  changed();
}

export function askNotificationPermission(): void {
  if (typeof Notification !== "undefined" && Notification.permission === "default")
    Notification.requestPermission().catch(() => {});
}

let audio: AudioContext | null = null;
function beep() {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.12, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.35);
  } catch {
    /* no audio */
  }
}
