import Testing

/// The root of every integration test against the lab. The lab is one set of processes on
/// fixed loopback addresses, so every test under it runs one at a time (`.serialized` is
/// inherited by the suites nested in extensions: `extension LabTests { @Suite struct ... }`).
@Suite(.serialized) struct LabTests {}
