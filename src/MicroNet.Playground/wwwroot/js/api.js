// Calls to the playground's server. Every failure carries the server's one-sentence reason.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function send(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'The playground server does not answer; is it still running?');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json?.error ?? `The server answered ${response.status}.`);
  }
  return json;
}

export const api = {
  options: () => send('GET', '/api/options'),
  createSession: (state) => send('POST', '/api/sessions', { state }),
  snapshot: (id) => send('GET', `/api/sessions/${id}`),
  replaceState: (id, state) => send('PUT', `/api/sessions/${id}/state`, { state }),
  control: (id, action) => send('POST', `/api/sessions/${id}/control`, { action }),
  graph: (id, layer, neuron, point, form) =>
    send('GET', `/api/sessions/${id}/graph?layer=${layer}&neuron=${neuron}&point=${point}&form=${form}`),
  csvColumns: (file, text) => send('POST', '/api/csv/columns', { file, text }),
  useCsv: (id, request) => send('POST', `/api/sessions/${id}/csv`, request),
  // Sent as the page goes away; a beacon outlives the page, a fetch may not.
  close: (id) => navigator.sendBeacon(`/api/sessions/${id}/close`),
  events: (id) => new EventSource(`/api/sessions/${id}/events`),
  modelUrl: (id) => `/api/sessions/${id}/model.json`,
  onnxUrl: (id) => `/api/sessions/${id}/model.onnx`,
};
