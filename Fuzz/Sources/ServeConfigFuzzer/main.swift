import FuzzSupport
import MLServe

// serve.yaml (Yams, then our own validation of variants, routes, rollout, limits). Only
// ServeError may come out; YAML anchors and aliases must not make it allocate without bound.
runFuzzer { input in
    _ = try? ServeConfiguration.parse(yaml: String(decoding: input, as: UTF8.self), source: "fuzz")
}
