// Preloaded (NODE_OPTIONS=--require) into the Microsoft 365 Agents Playground, which
// listens on every interface: every TCP server it starts binds 127.0.0.1 instead.
"use strict";
const net = require("node:net");

const LOOPBACK = "127.0.0.1";
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function loopbackListen(...args) {
  const [first] = args;
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback])
    if (typeof args[1] === "string") args[1] = LOOPBACK;
    else args.splice(1, 0, LOOPBACK);
  } else if (first && typeof first === "object" && first.path === undefined && first.fd === undefined && first._handle === undefined) {
    // listen({ port, host, … }[, callback])
    args[0] = { ...first, host: LOOPBACK };
  } else if (first === undefined || typeof first === "function") {
    // listen([callback]): a random port
    args.unshift(0, LOOPBACK);
  }
  return listen.apply(this, args);
};
