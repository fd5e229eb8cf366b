-- The delivery log keeps a target's status code and a fixed short reason, never what the target sent: earlier
-- versions stored the client's exception message in last_error, which could carry text from the target (a port
-- scanner's answer). Each such message becomes the fixed reason it stands for.
UPDATE webhook_delivery
SET last_error = CASE
        WHEN last_error ILIKE '%ConnectException%' OR last_error ILIKE '%connection refused%' THEN 'connection refused'
        WHEN last_error ILIKE '%timeout%' OR last_error ILIKE '%timed out%' THEN 'timeout'
        WHEN last_error ILIKE '%UnknownHost%' THEN 'unknown host'
        WHEN last_error ILIKE '%SSL%' OR last_error ILIKE '%certificate%' THEN 'tls error'
        ELSE 'connection failed'
    END
WHERE last_error IS NOT NULL
  AND last_error !~ '^HTTP [0-9]{3}$'
  AND last_error NOT IN ('connection refused', 'timeout', 'unknown host', 'tls error', 'invalid response', 'connection failed',
                         'address not allowed', 'url not allowed');
