fx 39.2.0 (npm package "fx", repository antonmedv/fx) ships no licence file in its
npm tarball. Its package.json (copied verbatim as LICENSE.fx.package.json) declares:

  "license": "MIT"
  "author": "Anton Medvedev <anton@medv.io>"

The upstream repository's LICENSE could not be fetched (network limited to the Go
module proxy, Debian and npm; the Go module github.com/antonmedv/fx was refused by
the proxy).
