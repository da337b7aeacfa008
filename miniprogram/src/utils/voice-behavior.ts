import { toast } from "./wx-async";

/** Voice input through the 同声传译 plugin, or null where the plugin is not there. */
export function speechManager(): WechatMiniprogram.IAnyObject | null {
  try {
    return typeof requirePlugin === "function" ? requirePlugin("WechatSI").getRecordRecognitionManager() : null;
  } catch {
    return null;
  }
}

/**
 * 按住说话 for any page with a text box: `voice` says whether the plugin is there, `recording`
 * shows 正在听. What was heard goes to the page's `onHeard(text)`. A press cut off (touchcancel, the
 * page hidden by a call or a permission dialog, the page closed) stops at once, so 正在听 never sticks.
 */
export const voiceBehavior = Behavior({
  data: { voice: false, recording: false },
  lifetimes: {
    attached() {
      this.setData({ voice: speechManager() !== null });
    },
    detached() {
      (this as unknown as { stopVoice(): void }).stopVoice();
    },
  },
  pageLifetimes: {
    // A call or another app takes the screen mid-press: the touch never ends, so stop here.
    hide() {
      (this as unknown as { stopVoice(): void }).stopVoice();
    },
  },
  methods: {
    startVoice() {
      const manager = speechManager();
      if (!manager) return;
      const page = this as unknown as { onHeard?(text: string): void };
      manager.onStop = (res: { result?: string }) => {
        this.setData({ recording: false });
        if (res.result) page.onHeard?.(res.result);
      };
      manager.onError = () => {
        this.setData({ recording: false });
        toast("没听清，请再说一遍，或者打字");
      };
      this.setData({ recording: true });
      try {
        manager.start({ lang: "zh_CN", duration: 60000 });
      } catch {
        this.setData({ recording: false });
      }
    },
    /**
     * The finger lifted, or the press was cut off (touchcancel: a permission dialog, a call, the
     * page hidden). "正在听" goes at once; whatever was heard still arrives through onStop.
     */
    stopVoice() {
      if (!this.data.recording) return;
      this.setData({ recording: false });
      try {
        speechManager()?.stop();
      } catch {
        // Nothing was recording after all.
      }
    },
  },
});
