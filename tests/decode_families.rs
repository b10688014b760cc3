//! The families of issues 29 and 30 through the decoder, from their printouts as each runtime,
//! client and tool prints them: the (family, code) claims each paste must give, and what it
//! must not claim. A duration, a port or `exit 0` claims nothing.

use errdex::decode::{Confidence, Report, decode};
use errdex::index::Index;
use std::sync::OnceLock;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(Index::embedded)
}

/// What decode claims: an identified error's family and best entry, or a family's code that
/// its catalog lacks.
fn claims(d: &Report) -> Vec<(String, String)> {
    d.errors
        .iter()
        .filter_map(|e| {
            let vendor = e.vendor.clone()?;
            match e.match_rows.first() {
                Some(&r) => Some((vendor, index().code(r).to_string())),
                None if e.confidence == Confidence::NotInCatalog => Some((vendor, e.code.clone()?)),
                None => None,
            }
        })
        .collect()
}

/// A paste, the claims it must give, and the families it must not claim.
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

const CASES: &[Case] = &[
    // Windows: .NET, PowerShell, C, crash output.
    (
        "System.ComponentModel.Win32Exception (0x80004005): Access is denied\n   at System.Diagnostics.Process.Start()\n",
        &[("win32", "5")],
        &["errno", "hresult"],
    ),
    (
        "Unhandled exception. System.ComponentModel.Win32Exception (2): An error occurred trying to start process 'tool' with working directory '/app'. The system cannot find the file specified.\n",
        &[("win32", "2")],
        &["errno"],
    ),
    (
        "Get-WmiObject : The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)\nAt line:1 char:1\n",
        &[("win32", "1722"), ("hresult", "0x800706BA")],
        &["errno"],
    ),
    (
        "New-Item : Access to the path 'C:\\Windows\\x' is denied.\n    + CategoryInfo          : PermissionDenied\n    + FullyQualifiedErrorId : System.UnauthorizedAccessException\n    HRESULT: 0x80070005\n",
        &[("hresult", "0x80070005"), ("win32", "5")],
        &["errno"],
    ),
    (
        "Exception type: System.UnauthorizedAccessException\nHResult: -2147024891\n",
        &[("hresult", "0x80070005"), ("win32", "5")],
        &[],
    ),
    (
        "[2024-05-13 10:22:01.118] ERROR CreateFileW(L\"C:\\\\agent.lock\") failed, GetLastError() = 32\n",
        &[("win32", "32")],
        &["errno"],
    ),
    (
        "   ExceptionCode: c0000005 (Access violation)\n  ExceptionFlags: 00000000\n",
        &[("ntstatus", "0xC0000005")],
        &["hresult", "exit"],
    ),
    (
        "The program '[14236] Acme.Worker.exe' has exited with code -1073741819 (0xc0000005) 'Access violation'.\n",
        &[("ntstatus", "0xC0000005")],
        &["exit", "hresult"],
    ),
    // TLS and certificates: OpenSSL, curl, Python, Node.
    (
        "depth=0 CN = internal.example.com\nverify error:num=20:unable to get local issuer certificate\nverify return:1\n",
        &[("x509", "20")],
        &["errno"],
    ),
    (
        "curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n",
        &[("curl", "60"), ("x509", "20")],
        &[],
    ),
    (
        "curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number\n",
        &[("curl", "35"), ("openssl", "267")],
        &[],
    ),
    (
        "curl: (35) error:0A000410:SSL routines::sslv3 alert handshake failure\n",
        &[("curl", "35"), ("openssl", "1040"), ("tls-alert", "40")],
        &[],
    ),
    (
        "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)\n",
        &[("openssl", "134"), ("x509", "20")],
        &["errno"],
    ),
    (
        "Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1659:34) {\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n}\n",
        &[("x509", "21")],
        &["node", "errno"],
    ),
    // Exit statuses and signals.
    (
        "CONTAINER ID   IMAGE        STATUS                       NAMES\n3f4e1a9c2b7d   acme/api     Exited (137) 2 minutes ago   api\n",
        &[("exit", "137")],
        &["errno"],
    ),
    (
        "    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n",
        &[("k8s", "OOMKilled"), ("exit", "137")],
        &[],
    ),
    (
        "2024/05/13 10:22:01 step failed: exit status 139\n",
        &[("exit", "139")],
        &["errno"],
    ),
    (
        "$ ./bin/indexer\nSegmentation fault (core dumped)\n",
        &[("signal", "11"), ("exit", "139")],
        &["errno"],
    ),
    (
        "2024/05/13 10:22:01 build step failed: signal: killed\n",
        &[("signal", "9")],
        &["exit"],
    ),
    (
        "--- FAIL: TestOrders (0.14s)\nFAIL\nmake: *** [Makefile:23: test] Error 2\n",
        &[("exit", "2")],
        &["grpc", "errno"],
    ),
    (
        "subprocess.CalledProcessError: Command 'pg_dump -Fc shop' returned non-zero exit status 127.\n",
        &[("exit", "127")],
        &["postgres"],
    ),
    // Node.js.
    (
        "TypeError [ERR_INVALID_ARG_TYPE]: The \"path\" argument must be of type string. Received undefined\n    at new NodeError (node:internal/errors:405:5) {\n  code: 'ERR_INVALID_ARG_TYPE'\n}\n",
        &[("node", "ERR_INVALID_ARG_TYPE")],
        &["errno"],
    ),
    // Kubernetes.
    (
        "NAME                      READY   STATUS             RESTARTS       AGE\napi-7d9c7b6f5d-x2k8p      0/1     CrashLoopBackOff   7 (2m3s ago)   14m\nworker-5f6d8c9b7-q9w2z    1/1     Running            0              14m\n",
        &[("k8s", "CrashLoopBackOff")],
        &["exit"],
    ),
    (
        "LAST SEEN   TYPE      REASON        OBJECT                     MESSAGE\n5m          Warning   FailedMount   pod/api-7d9c7b6f5d-x2k8p   MountVolume.SetUp failed for volume \"db-creds\" : secret \"db-creds\" not found\n1m          Normal    Pulled        pod/web-1                  Container image already present on machine\n",
        &[("k8s", "FailedMount")],
        &[],
    ),
    // MySQL.
    (
        "ERROR 1045 (28000): Access denied for user 'app'@'10.0.3.7' (using password: YES)\n",
        &[("mysql", "1045")],
        &["postgres"],
    ),
    (
        "2024/05/13 10:22:01 tx: Error 1213 (40001): Deadlock found when trying to get lock; try restarting transaction\n",
        &[("mysql", "1213")],
        &["postgres"],
    ),
    (
        "Internal Exception: java.sql.SQLIntegrityConstraintViolationException: Duplicate entry 'a@b.c' for key 'users.email'\nError Code: 1062\nCall: INSERT INTO users (email) VALUES (?)\n",
        &[("mysql", "1062")],
        &["postgres", "sqlite"],
    ),
    (
        "ModLoad: 00007ffb`1a2b0000 00007ffb`1a2d5000   C:\\Windows\\SYSTEM32\\bcrypt.dll\n(1a2c.3f4): Access violation - code c0000005 (first chance)\nFirst chance exceptions are reported before any exception handling.\n",
        &[("ntstatus", "0xC0000005")],
        &["win32", "hresult"],
    ),
    (
        "Get \"https://edge.example.com/v1/items\": CRYPTO_ERROR 0x12a (local): tls: bad certificate\n",
        &[("quic", "0x100-0x1ff"), ("tls-alert", "42")],
        &["http2", "openssl"],
    ),
    (
        "[  0.041] recv GOAWAY frame <length=8, flags=0x00, stream_id=0>\n          (last_stream_id=0, error_code=ENHANCE_YOUR_CALM(0x0b), opaque_data(0)=[])\n",
        &[("http2", "11")],
        &["quic"],
    ),
    (
        "Error [ERR_HTTP2_SESSION_ERROR]: Session closed with error code 2\n    at ClientHttp2Session.onGoawayData (node:internal/http2/core:689:21)\n",
        &[("node", "ERR_HTTP2_SESSION_ERROR"), ("http2", "2")],
        &["quic", "errno"],
    ),
    // Reasons of warning events that kubernetes-reasons.tsv lacks: the family's, not in its
    // catalog.
    (
        "Events:\n  Type     Reason            Age   From               Message\n  ----     ------            ----  ----               -------\n  Warning  FailedScheduling  2m    default-scheduler  0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.\n",
        &[("k8s", "FailedScheduling")],
        &["grpc", "http"],
    ),
    (
        "LAST SEEN   TYPE      REASON    OBJECT                        MESSAGE\n41m         Warning   Evicted   pod/api-7d9f8b6c5-x2k4p       The node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi.\n",
        &[("k8s", "Evicted")],
        &["grpc", "http"],
    ),
    // Google's ErrorInfo as grpcurl and gcloud print it.
    (
        "ERROR:\n  Code: PermissionDenied\n  Message: Cloud Firestore API has not been used in project 1234 before or it is disabled.\n  Details:\n  1)\t{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"domain\":\"googleapis.com\",\"metadata\":{\"consumer\":\"projects/1234\",\"service\":\"firestore.googleapis.com\"},\"reason\":\"SERVICE_DISABLED\"}\n",
        &[("grpc", "7"), ("gcp", "SERVICE_DISABLED")],
        &["http", "errno"],
    ),
    (
        "ERROR: (gcloud.projects.get-iam-policy) [dev@example.com] does not have permission to access projects instance [acme-prod] (or it may not exist): The caller does not have permission.\n- '@type': type.googleapis.com/google.rpc.ErrorInfo\n  domain: cloudresourcemanager.googleapis.com\n  metadata:\n    permission: resourcemanager.projects.getIamPolicy\n  reason: IAM_PERMISSION_DENIED\n",
        &[("gcp", "IAM_PERMISSION_DENIED")],
        &["grpc", "http"],
    ),
    // MySQL's client errors carry the errno of the connect (a Winsock error on Windows).
    (
        "ERROR 2003 (HY000): Can't connect to MySQL server on 'db.internal:3306' (111)\n",
        &[("mysql", "2003"), ("errno", "111")],
        &["postgres", "win32"],
    ),
    (
        "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n",
        &[("mysql", "2002"), ("errno", "2")],
        &["postgres", "win32"],
    ),
    (
        "ERROR 2003 (HY000): Can't connect to MySQL server on 'localhost:3306' (10061)\n",
        &[("mysql", "2003"), ("win32", "10061")],
        &["errno", "postgres"],
    ),
    // Redis.
    (
        "127.0.0.1:6379> LPUSH session:42 x\n(error) WRONGTYPE Operation against a key holding the wrong kind of value\n",
        &[("redis", "WRONGTYPE")],
        &[],
    ),
    (
        "redis.exceptions.ResponseError: MOVED 12539 10.0.0.5:6379\n",
        &[("redis", "MOVED")],
        &[],
    ),
    (
        "ReplyError: NOAUTH Authentication required.\n    at parseError (/app/node_modules/redis-parser/lib/parser.js:179:12)\n",
        &[("redis", "NOAUTH")],
        &[],
    ),
    // LDAP.
    (
        "javax.naming.AuthenticationException: [LDAP: error code 49 - 80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563]\n",
        &[("ldap", "49"), ("ldap", "data 52e"), ("win32", "1326")],
        &["errno"],
    ),
    (
        "# search result\nsearch: 2\nresult: 32 No such object\nmatchedDN: dc=example,dc=com\n",
        &[("ldap", "32")],
        &[],
    ),
    // MongoDB.
    (
        "MongoServerError: E11000 duplicate key error collection: shop.users index: email_1 dup key: { email: \"a@b.c\" }\n",
        &[("mongodb", "11000")],
        &["postgres", "mysql"],
    ),
    (
        "MongoServerError: not authorized on admin to execute command { listDatabases: 1 }\n    at Connection.onMessage (/app/node_modules/mongodb/lib/cmap/connection.js:207:30) {\n  ok: 0,\n  code: 13,\n  codeName: 'Unauthorized'\n}\n",
        &[("mongodb", "13")],
        &["grpc", "errno"],
    ),
    // OAuth and OpenID Connect.
    (
        "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}\n",
        &[("oauth", "invalid_grant")],
        &[],
    ),
    (
        "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"\n",
        &[("oauth", "invalid_token"), ("http", "401")],
        &[],
    ),
    (
        "https://app.example.com/oauth/callback?error=access_denied&error_description=The+user+denied+the+request&state=af0ifjsldkj\n",
        &[("oauth", "access_denied")],
        &["http"],
    ),
    // AWS and Google Cloud.
    (
        "botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the DescribeTable operation (reached max retries: 4): Rate exceeded\n",
        &[("aws", "ThrottlingException")],
        &[],
    ),
    (
        "An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: arn:aws:iam::123456789012:user/ci is not authorized\n",
        &[("aws", "AccessDeniedException")],
        &[],
    ),
    (
        "HTTP/1.1 404 Not Found\nContent-Type: application/xml\n\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>\n",
        &[("aws", "NoSuchKey"), ("http", "404")],
        &[],
    ),
    (
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}\n",
        &[("aws", "ProvisionedThroughputExceededException")],
        &[],
    ),
    (
        "{\"error\":{\"code\":403,\"message\":\"Cloud Pub/Sub API has not been used in project 1 before or it is disabled.\",\"status\":\"PERMISSION_DENIED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"SERVICE_DISABLED\",\"domain\":\"googleapis.com\"}]}}\n",
        &[("gcp", "SERVICE_DISABLED")],
        &[],
    ),
    // WebSocket, DNS, HTTP/2, QUIC, JSON-RPC, SMTP.
    (
        "socket closed CloseEvent {isTrusted: true, wasClean: false, code: 1006, reason: '', type: 'close', …}\n",
        &[("websocket", "1006")],
        &[],
    ),
    (
        "websockets.exceptions.ConnectionClosedError: received 1013 (try again later) server overloaded; then sent 1013 (try again later) server overloaded\n",
        &[("websocket", "1013")],
        &["errno"],
    ),
    (
        ";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 23409\n;; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n; EDE: 18 (Prohibited)\n",
        &[("dns", "2"), ("dns-ede", "18")],
        &["errno"],
    ),
    (
        "Server:\t\t10.0.0.2\nAddress:\t10.0.0.2#53\n\n** server can't find nosuch.example.com: NXDOMAIN\n",
        &[("dns", "3")],
        &[],
    ),
    (
        "2024/05/13 10:22:01 upload: http2: server sent GOAWAY and closed the connection; LastStreamID=1999, ErrCode=NO_ERROR, debug=\"\"\n",
        &[("http2", "0")],
        &[],
    ),
    (
        "Post \"https://api.example.com/v1/events\": stream error: stream ID 3; PROTOCOL_ERROR; received from peer\n",
        &[("http2", "1")],
        &[],
    ),
    (
        "2024/05/13 10:22:01 GET https://edge.example.com/seg-42.m4s: Application error 0x10c (remote)\n",
        &[("quic", "0x10c")],
        &[],
    ),
    (
        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}\n",
        &[("jsonrpc", "-32601")],
        &["http"],
    ),
    (
        "<nobody@example.com>: host mx1.example.com[203.0.113.25] said: 550 5.1.1\n    <nobody@example.com>: Recipient address rejected: User unknown in virtual\n    mailbox table (in reply to RCPT TO command)\n",
        &[("smtp", "550"), ("smtp", "5.1.1")],
        &["http", "errno"],
    ),
    // Printed the way more runtimes, drivers and SDKs print them.
    (
        "$ timeout 30 ./integration.sh\n$ echo $?\n124\n",
        &[("exit", "124")],
        &["errno", "http"],
    ),
    (
        "error: process didn't exit successfully: `target/debug/app` (signal: 11, SIGSEGV: invalid memory reference)\n",
        &[("signal", "11")],
        &["errno"],
    ),
    (
        "[12345.678901] Out of memory: Killed process 4242 (java) total-vm:8123456kB, anon-rss:4012345kB\n",
        &[("signal", "9")],
        &["errno"],
    ),
    (
        "PermissionError: [WinError 5] Access is denied: 'C:\\\\Users\\\\dev\\\\x'\n",
        &[("win32", "5")],
        &["errno"],
    ),
    (
        "Error: Os { code: 5, kind: PermissionDenied, message: \"Access is denied.\" }\n",
        &[("win32", "5")],
        &["errno"],
    ),
    (
        "Error: The system cannot find the file specified. (os error 2)\n",
        &[("win32", "2")],
        &["errno"],
    ),
    (
        "open C:\\data\\x.lock: The process cannot access the file because it is being used by another process.\n",
        &[("win32", "32")],
        &["errno"],
    ),
    (
        "2024/05/13 10:22:01 mkdir C:\\ProgramData\\acme: Access is denied.\n",
        &[("win32", "5")],
        &["errno"],
    ),
    (
        "The application was unable to start correctly (0xc000007b). Click OK to close the application.\n",
        &[("ntstatus", "0xC000007B")],
        &["exit", "hresult"],
    ),
    (
        "Get \"https://api.example.com\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2024-05-13T10:22:01Z is after 2024-05-01T00:00:00Z\n",
        &[("x509", "10")],
        &["errno"],
    ),
    (
        "x509: certificate is valid for a.example.com, not api.example.com\n",
        &[("x509", "62")],
        &[],
    ),
    (
        "ERROR 1146 (42S02) at line 1: Table 'shop.orders' doesn't exist\n",
        &[("mysql", "1146")],
        &["postgres"],
    ),
    (
        "SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry 'a@b.c' for key 'users_email_unique'\n",
        &[("mysql", "1062")],
        &["postgres"],
    ),
    (
        "PDOException: SQLSTATE[HY000] [2002] Connection refused\n",
        &[("mysql", "2002")],
        &["postgres"],
    ),
    (
        "SQLSTATE[23000]: Integrity constraint violation: 19 UNIQUE constraint failed: users.email\n",
        &[],
        &["postgres", "mysql"],
    ),
    (
        "SQLSTATE[23505]: Unique violation: 7 ERROR:  duplicate key value violates unique constraint \"users_email_key\"\n",
        &[("postgres", "23505")],
        &["mysql"],
    ),
    (
        "connection() error occurred during connection handshake: drop index: (NamespaceNotFound) ns not found\n",
        &[("mongodb", "26")],
        &[],
    ),
    (
        "azure.core.exceptions.ClientAuthenticationError: (AuthenticationFailed) Server failed to authenticate the request.\n",
        &[],
        &["mongodb"],
    ),
    (
        "google.api_core.exceptions.ServiceUnavailable: 503 failed to connect to all addresses\n",
        &[("grpc", "14"), ("http", "503")],
        &[],
    ),
    (
        "ERROR: (gcloud.run.deploy) PERMISSION_DENIED: Permission 'run.services.get' denied on resource\n",
        &[("grpc", "7")],
        &[],
    ),
    (
        "googleapi: Error 403: Cloud Resource Manager API has not been used in project 123 before or it is disabled., accessNotConfigured\n",
        &[("http", "403")],
        &[],
    ),
    (
        "AccessDenied: Access Denied\n\tstatus code: 403, request id: 4E5B, host id: abc=\n",
        &[("aws", "AccessDenied")],
        &["errno"],
    ),
    (
        "software.amazon.awssdk.services.s3.model.S3Exception: Access Denied (Service: S3, Status Code: 403, Request ID: X, Extended Request ID: Y)\n",
        &[],
        &["aws"],
    ),
    (
        "google.auth.exceptions.RefreshError: ('invalid_grant: Token has been expired or revoked.', {'error': 'invalid_grant', 'error_description': 'Token has been expired or revoked.'})\n",
        &[("oauth", "invalid_grant")],
        &[],
    ),
    (
        "okhttp3.internal.http2.StreamResetException: stream was reset: CANCEL\n",
        &[("http2", "8")],
        &[],
    ),
    (
        "2024/05/13 10:22:01 cache set user:42: READONLY You can't write against a read only replica.\n",
        &[("redis", "READONLY")],
        &[],
    ),
    (
        "2024/05/13 10:22:01 db: READONLY mode is on for the maintenance window\nBUSY: 3 workers\n",
        &[],
        &["redis"],
    ),
    (
        "Error: Unexpected server response: 401\n",
        &[("http", "401")],
        &["websocket"],
    ),
];

/// Texts whose numbers and words are not errors: nothing may be claimed.
const NOTHING: &[&str] = &[
    "2024-05-13 10:22:01 INFO  worker: job 4411 finished, took 137ms\n",
    "INFO  [main] admin console listening on port 1045\n",
    "Process finished with exit code 0\n",
    ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 41822\n",
    "2024-05-13 10:22:01 INFO ws: closed cleanly (code=1000, reason=\"bye\")\n",
    "acme-api.service: Deactivated successfully.\nhttp2: Transport received Server's graceful shutdown GOAWAY\n",
    "NAME       READY   STATUS      RESTARTS   AGE\nmigrate    0/1     Completed   0          3m\n",
    "250 2.0.0 Ok: queued as 4VXk2m1Qz9z9s\n",
    "$ ./deploy.sh\n$ echo $?\n0\n",
    "INFO  gateway: listening on 8443 (HTTPS): ready\n",
    "2024-05-13 10:22:01 INFO  cache: LOADING config from /etc/app.toml\n",
];

#[test]
fn every_printout_gives_its_claims_and_no_other_family() {
    let mut failures = Vec::new();
    for (paste, want, forbid) in CASES {
        let got = claims(&decode(paste, index()));
        for (family, code) in *want {
            if !got.contains(&(family.to_string(), code.to_string())) {
                failures.push(format!("{paste:?}: missing {family} {code}; got {got:?}"));
            }
        }
        for (family, code) in &got {
            if forbid.contains(&family.as_str()) {
                failures.push(format!("{paste:?}: claims {family} {code}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn numbers_that_are_no_error_claim_nothing() {
    for paste in NOTHING {
        let got = claims(&decode(paste, index()));
        assert!(got.is_empty(), "{paste:?}: {got:?}");
    }
}

/// A family's printout inside a body the decoder reads whole is the body's error, once.
#[test]
fn a_body_a_family_reads_is_one_error() {
    let one = |paste: &str| claims(&decode(paste, index()));
    assert_eq!(
        one(
            "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}\n"
        ),
        [("jsonrpc".to_string(), "-32601".to_string())]
    );
    assert_eq!(
        one("Error: Os { code: 5, kind: PermissionDenied, message: \"Access is denied.\" }\n"),
        [("win32".to_string(), "5".to_string())]
    );
    let batch = "[{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1},{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":2}]\n";
    assert_eq!(one(batch).len(), 2, "{:?}", one(batch));
}

#[test]
fn a_code_printed_twice_is_one_error() {
    let paste = "websockets.exceptions.ConnectionClosedError: received 1011 (internal error) keepalive ping timeout; then sent 1011 (internal error) keepalive ping timeout\n";
    let got = claims(&decode(paste, index()));
    assert_eq!(got, [("websocket".to_string(), "1011".to_string())]);
}

#[test]
fn a_printout_that_names_its_family_but_not_the_entry_offers_the_entries() {
    let paste = "Get \"https://api.internal.example.com/v1/items\": tls: failed to verify certificate: x509: certificate signed by unknown authority\n";
    let d = decode(paste, index());
    assert!(claims(&d).is_empty(), "{:?}", claims(&d));
    let [e] = &d.errors[..] else {
        panic!("{:#?}", d.errors)
    };
    assert_eq!(
        (e.vendor.as_deref(), e.confidence),
        (Some("x509"), Confidence::Ambiguous)
    );
    let offered: Vec<&str> = e.suggestion_rows.iter().map(|&r| index().code(r)).collect();
    assert_eq!(offered, ["20", "21", "19", "18", "2"]);
}

#[test]
fn an_aws_code_the_models_lack_is_the_familys_with_the_shape_it_may_stand_for_offered() {
    let paste = "botocore.exceptions.ClientError: An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired\n";
    let d = decode(paste, index());
    let [e] = &d.errors[..] else {
        panic!("{:#?}", d.errors)
    };
    assert_eq!(
        (e.vendor.as_deref(), e.code.as_deref(), e.confidence),
        (Some("aws"), Some("ExpiredToken"), Confidence::NotInCatalog)
    );
    let offered: Vec<&str> = e.suggestion_rows.iter().map(|&r| index().code(r)).collect();
    assert_eq!(offered, ["ExpiredTokenException"]);
    // No shape is near these: nothing is offered.
    for code in ["InvalidClientTokenId", "SignatureDoesNotMatch"] {
        let paste =
            format!("An error occurred ({code}) when calling the ListBuckets operation: x\n");
        let d = decode(&paste, index());
        assert_eq!(d.errors.len(), 1, "{code}");
        assert_eq!(d.errors[0].confidence, Confidence::NotInCatalog, "{code}");
        assert!(d.errors[0].suggestion_rows.is_empty(), "{code}");
    }
}
