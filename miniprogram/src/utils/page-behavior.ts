import { storage } from "./storage";

/** Shared by every page: the large-type switch (适老化) read from storage on each show. */
export const pageBehavior = Behavior({
  data: { large: false },
  lifetimes: {
    attached() {
      this.setData({ large: storage.largeText() });
    },
  },
  pageLifetimes: {
    show() {
      this.setData({ large: storage.largeText() });
    },
  },
});
