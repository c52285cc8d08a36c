package model

import "time"

// Feed statuses.
const (
	FeedOK       = "ok"
	FeedFailing  = "failing"
	FeedDisabled = "disabled"
)

// FeedStatus is how the API and the dashboard show one feed.
type FeedStatus struct {
	ID         string    `json:"id"`
	URL        string    `json:"url"`
	Title      string    `json:"title"`
	Status     string    `json:"status"`
	LastError  string    `json:"last_error"`
	LastPolled time.Time `json:"last_polled"`
	NextPoll   time.Time `json:"next_poll"`
	Articles   int64     `json:"articles"`
	Errors     int       `json:"consecutive_errors"`
}

// Alert delivery states.
const (
	AlertPending   = "pending"
	AlertDelivered = "delivered"
	AlertFailed    = "failed"
	AlertDead      = "dead"
)

// AlertRecord is one alert for one rule and one event, as the API lists it.
type AlertRecord struct {
	ID        string    `json:"id"`
	Rule      string    `json:"rule"`
	Sink      string    `json:"sink"`
	Trigger   string    `json:"trigger"`
	EventKey  string    `json:"event_key"`
	Summary   string    `json:"summary"`
	State     string    `json:"state"`
	Attempts  int       `json:"attempts"`
	LastError string    `json:"last_error,omitempty"`
	Created   time.Time `json:"created"`
	Delivered time.Time `json:"delivered,omitempty"`
}
