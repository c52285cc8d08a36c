// Package api serves claimwatch's read model over HTTP: the JSON API of
// DESIGN.md under /api/v1, the operational endpoints (/metrics, /healthz,
// /readyz), a live event stream (Server-Sent Events) and a server-rendered
// dashboard at /.
//
// It is the last box of the pipeline: it reads what pkg/store kept, the
// feed health pkg/feed tracks and the alerts pkg/alert delivered, and it
// relays the cw.events.> stream to browsers. It never writes claims or
// articles; the only write endpoints add and remove feeds, and they need a
// bearer token.
//
// # Contracts
//
//   - Every JSON error is {"error": "..."} with a matching status code:
//     400 for bad parameters, 401 without credentials, 403 with wrong ones,
//     404 for unknown ids or paths, 405 for a wrong method, 413 for
//     oversized bodies, 500 when the store fails, 503 when the request ran
//     out of time. A backend failure never leaks its message (no SQL, no
//     driver text) to the client; it is logged with the request path.
//   - Lists are paginated with the store's opaque cursor: ?limit=N (1..200,
//     default 50) and ?cursor= taken from the previous page's "next". A
//     page has pkg/store's shape, e.g. {"stories": [...], "next": "..."};
//     no "next" means the last page. Lists are [] when empty, never null.
//   - Every GET answer carries an ETag computed from its body; a request
//     whose If-None-Match matches gets 304 with no body.
//   - CORS is off unless Options.CORSOrigins lists origins.
//   - GET /api/v1/events is a Server-Sent Events stream of model.Event
//     (event: claim.new, claim.conflict, claim.spread; id: the CW_EVENTS
//     stream sequence, so a reconnecting browser resumes with
//     Last-Event-ID). Streams are bounded in number and in lifetime.
//   - Everything that came from a feed is escaped by html/template in the
//     dashboard and set with textContent by its script, so a title holding
//     <script> shows as text. The Content-Security-Policy allows scripts
//     only from this origin, as a second line of defence.
//
// # Wiring
//
// cmd/ builds the store, the feed manager and the alerter, then:
//
//	h := api.New(api.Options{
//		Store:  st,                      // pkg/store
//		Feeds:  feeds,                   // pkg/feed, may be nil
//		Alerts: alerter,                 // pkg/alert, may be nil
//		Events: api.NewBusEvents(conn),  // live claims, may be nil
//		Token:  cfg.Token,
//		Ready:  func(ctx context.Context) error { return st.Ping(ctx) },
//		Logger: log.Named("api"),
//		Gatherer: prometheus.DefaultGatherer,
//	})
//	err := service.Serve(ctx, cfg.HTTP, h, log) // pkg/service: timeouts set, and
//	// shutdown ends live streams through their request context.
package api
