//! Redis and Valkey error replies as clients print them: redis-cli's `(error) WRONGTYPE …`, a
//! raw RESP `-MOVED …` line, and the clients' exceptions (`ReplyError: NOAUTH …` of ioredis,
//! redis-py's `ResponseError: MOVED …`, Jedis, Lettuce), and the reply as it is (go-redis) at a
//! line's start or after a `: `, when its text is the reply's. A reply's first word is its
//! code; a word that is no Redis code names nothing.

use super::{Family, Pattern, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\(error\) ([A-Z]{2,}[A-Z_]*)\b", name),
        Pattern::new(r"(?m)^-([A-Z]{2,}[A-Z_]*) ", name),
        Pattern::new(
            r"\b(?:ReplyError|ResponseError|RedisError|CommandError|ErrorReply|JedisDataException|RedisCommandExecutionException)(?: \w+)?: ([A-Z]{2,}[A-Z_]*)\b",
            name,
        ),
        Pattern::new(r"(?m)(?:^|: )([A-Z]{2,}[A-Z_]*) ([^\n]+)", name).agreeing(),
    ],
    triggers: &[
        "(error)",
        "redis",
        "replyerror",
        "responseerror",
        "wrongtype",
        "noauth",
        "wrongpass",
        "noperm",
        "readonly",
        "oom command",
        "crossslot",
        "clusterdown",
        "tryagain",
        "noscript",
        "misconf",
        "masterdown",
        "moved ",
        "noreplicas",
        "busy",
    ],
    ..Family::new("redis")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{keys_in, n};

    fn read(text: &str) -> Vec<(&'static str, super::super::Key)> {
        keys_in(&["redis"], text)
    }

    #[test]
    fn cli_resp_and_clients() {
        assert_eq!(
            read(
                "127.0.0.1:6379> LPUSH k x\n(error) WRONGTYPE Operation against a key holding the wrong kind of value"
            ),
            [("redis", n("WRONGTYPE"))]
        );
        assert_eq!(
            read("-OOM command not allowed when used memory > 'maxmemory'.\r\n"),
            [("redis", n("OOM"))]
        );
        assert_eq!(
            read("[ioredis] Unhandled error event: ReplyError: NOAUTH Authentication required."),
            [("redis", n("NOAUTH"))]
        );
        assert_eq!(
            read("redis.exceptions.ResponseError: MOVED 12539 10.0.0.5:6379"),
            [("redis", n("MOVED"))]
        );
        // go-redis prints the reply as it is; the decoder takes it when its text is Redis's.
        assert_eq!(
            read("cache set user:42: READONLY You can't write against a read only replica."),
            [("redis", n("READONLY"))]
        );
    }
}
