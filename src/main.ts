import { ConfigError, getConfig } from "./config.js";
import { createApp } from "./http/app.js";
import { startScheduler } from "./cron/scheduler.js";
import { applyServerTimeouts, startSystem } from "./system.js";

/** `npm start`: migrate, seed, serve HTTP. */
async function main() {
  let config;
  let deps;
  try {
    config = getConfig();
    deps = await startSystem(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const server = createApp(deps).listen(config.PORT, config.host, () => {
    deps.log.info({ host: config.host, port: config.PORT, demoData: config.demoData }, `yijian listening on http://${config.host}:${config.PORT}`);
  });
  applyServerTimeouts(server);
  const scheduler = config.CRON === "on" ? startScheduler(deps) : null;
  const stop = () => {
    scheduler?.stop();
    server.close();
    void deps.db.destroy().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
