// npm run rest-proxy: one REST proxy for shards on several machines (set DISCORD_REST_PROXY_URL
// on each to http://<this machine>:<REST_PROXY_PORT>/api), so the whole bot shares Discord's
// global rate limit. Listens on REST_PROXY_HOST (default 127.0.0.1: open it deliberately).
import { loadDotEnv, parseConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startRestProxy } from '../src/sharding.ts';

loadDotEnv();
const config = parseConfig(process.env);
const logger = createLogger(config.logLevel);
const proxy = await startRestProxy(config.discordApiUrl, logger, Number(process.env.REST_PROXY_PORT ?? 8080), process.env.REST_PROXY_HOST ?? '127.0.0.1');
logger.info({ url: proxy.url }, 'REST proxy listening');
const stop = () => void proxy.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
