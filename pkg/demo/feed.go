package demo

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Items       []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Description string `xml:"description"`
}

// RSS renders seeds as an RSS 2.0 document carrying each article's full
// text in its description.
func RSS(title string, seeds []Seed) ([]byte, error) {
	doc := rss{Version: "2.0", Channel: rssChannel{Title: title, Link: "https://claimwatch.example/demo", Description: "claimwatch demo feed"}}
	for _, s := range seeds {
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title: s.Title, Link: s.URL, GUID: s.URL,
			PubDate: s.Published.Format(time.RFC1123Z), Description: s.Text,
		})
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("demo rss: %w", err)
	}
	return append([]byte(xml.Header), out...), nil
}

// Server serves the seed feed at /feed.xml on a loopback port.
type Server struct {
	URL string
	srv *http.Server
	ln  net.Listener
}

// Serve starts the feed server on 127.0.0.1 and returns once it listens.
// It stops when ctx ends or Close is called.
func Serve(ctx context.Context) (*Server, error) {
	seeds, err := Seeds()
	if err != nil {
		return nil, err
	}
	body, err := RSS("claimwatch demo: North Korean troops in Russia", seeds)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo feed listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", `"demo-v1"`)
		if r.Header.Get("If-None-Match") == `"demo-v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = w.Write(body)
	})
	s := &Server{URL: "http://" + ln.Addr().String() + "/feed.xml", ln: ln,
		srv: &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = ln.Close()
		}
	}()
	context.AfterFunc(ctx, func() { _ = s.Close() })
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}
