//! The stages of decoding, in the order [`Decoder::decode`](super::Decoder::decode) runs them,
//! each reading the prepared [`Paste`](super::paste::Paste) and placing errors in the
//! [`Run`](super::run::Run): documents (every object judged by `envelopes` and `bodies`),
//! printouts, families, bare lines, HTTP status, then `details` given to what they found.

mod bare_lines;
mod bodies;
mod details;
mod documents;
mod envelopes;
mod families;
mod http_status;
mod printouts;

#[cfg(test)]
pub(super) use bare_lines::noise_prefix_tokens;
#[cfg(test)]
pub(super) use documents::{join_key, join_keys};
