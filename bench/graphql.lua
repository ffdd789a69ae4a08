-- POST /graphql { pingOne(id: "1") } with one token ($TOKEN).
wrk.method = "POST"
wrk.body = '{"query":"{ pingOne(id: \\"1\\") }"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
