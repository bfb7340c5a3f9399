// Preloaded into the portal's Node process (`node --import`): answers 405 to any method outside
// the usual set before Next.js sees it. Next builds a fetch Request from every incoming request;
// fetch forbids TRACE, which then ends in a 500 from inside Next, and newer
// methods such as QUERY get a bare 400.
import http from "node:http";

const ALLOWED = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

const createServer = http.createServer;
http.createServer = function guardedCreateServer(...args) {
  const index = args.findIndex((a) => typeof a === "function");
  if (index >= 0) {
    const listener = args[index];
    args[index] = function guardedListener(req, res) {
      if (ALLOWED.has(req.method)) return listener.call(this, req, res);
      res.writeHead(405, { Allow: [...ALLOWED].join(", "), "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { code: "method_not_allowed", message: `${req.method} is not allowed.` } }));
    };
  }
  return createServer.apply(this, args);
};
