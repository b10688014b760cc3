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
        // The replies' codes by name: a scan for them is fast on a long log.
        Pattern::new(
            r"(?m)(?:^|: )(ASK|BUSY|BUSYGROUP|BUSYKEY|CLUSTERDOWN|CROSSSLOT|DENIED|ERR|EXECABORT|INPROG|INVALIDOBJ|IOERR|LOADING|MASTERDOWN|MISCONF|MOVED|NOAUTH|NOGOODSLAVE|NOGROUP|NOMASTERLINK|NOPERM|NOPROTO|NOQUORUM|NOREPLICAS|NOSCRIPT|NOSUB|NOTBUSY|OOM|READONLY|REDIRECT|TRYAGAIN|UNBLOCKED|UNKILLABLE|WRONGPASS|WRONGTYPE) ([^\n]+)",
            name,
        )
        .agreeing(),
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
    use super::super::tests::{Case, check_reads, exactly, n};

    #[test]
    fn cli_resp_and_clients() {
        check_reads(
            "redis",
            [
                Case {
                    line: "127.0.0.1:6379> LPUSH k x\n(error) WRONGTYPE Operation against a key holding the wrong kind of value",
                    reads: exactly([n("WRONGTYPE")]),
                },
                Case {
                    line: "-OOM command not allowed when used memory > 'maxmemory'.\r\n",
                    reads: exactly([n("OOM")]),
                },
                Case {
                    line: "[ioredis] Unhandled error event: ReplyError: NOAUTH Authentication required.",
                    reads: exactly([n("NOAUTH")]),
                },
                Case {
                    line: "redis.exceptions.ResponseError: MOVED 12539 10.0.0.5:6379",
                    reads: exactly([n("MOVED")]),
                },
                // go-redis prints the reply as it is; the decoder takes it when its text is Redis's.
                Case {
                    line: "cache set user:42: READONLY You can't write against a read only replica.",
                    reads: exactly([n("READONLY")]),
                },
            ],
        );
    }
}
