package store_test

import (
	"context"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/store"
	"github.com/claimwatch/claimwatch/pkg/store/storetest"
)

func openPostgres(t testing.TB, dsn string) *store.Postgres {
	t.Helper()
	s, err := store.OpenPostgres(t.Context(), dsn, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Close(ctx); err != nil {
			t.Error(err)
		}
	})
	return s
}

func TestPostgresConformance(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	openPostgres(t, dsn) // migrate once
	storetest.Run(t, func(t *testing.T) store.Store {
		storetest.TruncatePostgres(t, dsn)
		return openPostgres(t, dsn)
	})
}
