package api

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// homeView is the front page: stories and the latest conflicts.
type homeView struct {
	Stories   []store.StorySummary
	Next      string
	Conflicts []store.Conflict
}

// homeConflicts is how many recent conflicts the front page shows.
const homeConflicts = 10

func (s *server) dashboardHome(w http.ResponseWriter, r *http.Request) error {
	p, err := parsePage(r.URL.Query())
	if err != nil {
		return err
	}
	stories, err := s.opts.Store.ListStories(r.Context(), p.Cursor, p.Limit)
	if err != nil {
		return fmt.Errorf("list stories: %w", err)
	}
	conflicts, err := s.opts.Store.ListConflicts(r.Context(), "", homeConflicts)
	if err != nil {
		return fmt.Errorf("list conflicts: %w", err)
	}
	return s.render(w, r, http.StatusOK, "home", pageData{
		Title: "Stories", Nav: "stories",
		Data: homeView{Stories: stories.Stories, Next: stories.Next, Conflicts: conflicts.Conflicts},
	})
}

func (s *server) dashboardStory(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r.PathValue("id"))
	if err != nil {
		return err
	}
	st, err := s.opts.Store.GetStory(r.Context(), id)
	if err != nil {
		return fmt.Errorf("get story %q: %w", id, err)
	}
	return s.render(w, r, http.StatusOK, "story", pageData{
		Title: st.Title, Nav: "stories", LiveStory: st.ID, Data: buildStoryView(st),
	})
}

// claimsView is the search page.
type claimsView struct {
	Q, Speaker, Entity, Kind, Since, Story string
	Claims                                 []store.Claim
	Next                                   string
	Searched                               bool
}

func (s *server) dashboardClaims(w http.ResponseWriter, r *http.Request) error {
	f, res, err := s.searchClaims(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	v := claimsView{
		Q: f.Q, Speaker: f.Speaker, Entity: f.Entity, Kind: f.Kind, Story: f.StoryID,
		Since: strings.TrimSpace(q.Get("since")), Claims: res.Claims, Next: res.Next,
		Searched: f != (store.ClaimFilter{}),
	}
	return s.render(w, r, http.StatusOK, "claims", pageData{Title: "Claims", Nav: "claims", Data: v})
}

func (s *server) dashboardFeeds(w http.ResponseWriter, r *http.Request) error {
	fs, err := s.feeds(r)
	if err != nil {
		return err
	}
	sort.SliceStable(fs, func(i, j int) bool {
		// Failing feeds first: they are what a person opens this page for.
		if (fs[i].Status == model.FeedFailing) != (fs[j].Status == model.FeedFailing) {
			return fs[i].Status == model.FeedFailing
		}
		return fs[i].URL < fs[j].URL
	})
	return s.render(w, r, http.StatusOK, "feeds", pageData{Title: "Feeds", Nav: "feeds", Data: fs})
}

func (s *server) dashboardAlerts(w http.ResponseWriter, r *http.Request) error {
	res, err := s.alertPage(r)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "alerts", pageData{Title: "Alerts", Nav: "alerts", Data: res})
}
