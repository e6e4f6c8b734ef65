// Preloaded with NODE_OPTIONS=--require: any outgoing connection or DNS lookup the process makes is
// refused and written to INCIDENT_DOCS_NETWORK_LOG, so a test can prove nothing tried to connect.
// IPC pipes and stdio are not sockets to a host and are left alone.
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');

const log = process.env.INCIDENT_DOCS_NETWORK_LOG;
function record(what) {
  if (log) fs.appendFileSync(log, `${process.pid} ${what}\n`);
  const error = new Error(`network access refused by the test hook: ${what}`);
  error.code = 'ECONNREFUSED';
  return error;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: args[1] };
  // A named pipe (options.path) is local IPC, such as the language client's; anything with a port is network.
  if (options.path !== undefined && options.port === undefined) return connect.apply(this, args);
  throw record(`connect ${options.host ?? 'localhost'}:${options.port}`);
};
const tlsConnect = tls.connect;
tls.connect = function (...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: args[1] };
  throw record(`tls.connect ${options.host ?? 'localhost'}:${options.port}`);
};
void tlsConnect;
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function (host, ...rest) {
    const callback = rest.find((a) => typeof a === 'function');
    const error = record(`dns.${name} ${host}`);
    if (callback) process.nextTick(() => callback(error));
    else return original;
  };
}
dns.promises.lookup = async (host) => {
  throw record(`dns.promises.lookup ${host}`);
};
