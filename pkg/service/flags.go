package service

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Flags is a flag set whose flags also read an environment variable and a
// key of a YAML config file. Precedence: command line, environment,
// config file, default.
type Flags struct {
	fs      *flag.FlagSet
	env     map[string]string
	config  string
	summary string
}

// NewFlags returns a flag set for the named command. summary opens its
// --help text.
func NewFlags(name, summary string) *Flags {
	f := &Flags{fs: flag.NewFlagSet(name, flag.ContinueOnError), env: map[string]string{}, summary: summary}
	f.fs.StringVar(&f.config, "config", "", "YAML file of option values keyed by flag name (env CW_CONFIG)")
	f.env["config"] = "CW_CONFIG"
	f.fs.Usage = f.usage
	return f
}

// SetOutput sends --help and parse errors to w.
func (f *Flags) SetOutput(w io.Writer) { f.fs.SetOutput(w) }

func (f *Flags) help(help, env string) string {
	if env == "" {
		return help
	}
	return help + " (env " + env + ")"
}

// String defines a string flag with an environment fallback.
func (f *Flags) String(p *string, name, env, def, help string) {
	f.fs.StringVar(p, name, def, f.help(help, env))
	f.bind(name, env)
}

// Int defines an int flag with an environment fallback.
func (f *Flags) Int(p *int, name, env string, def int, help string) {
	f.fs.IntVar(p, name, def, f.help(help, env))
	f.bind(name, env)
}

// Bool defines a bool flag with an environment fallback.
func (f *Flags) Bool(p *bool, name, env string, def bool, help string) {
	f.fs.BoolVar(p, name, def, f.help(help, env))
	f.bind(name, env)
}

// Duration defines a duration flag with an environment fallback.
func (f *Flags) Duration(p *time.Duration, name, env string, def time.Duration, help string) {
	f.fs.DurationVar(p, name, def, f.help(help, env))
	f.bind(name, env)
}

// Float defines a float flag with an environment fallback.
func (f *Flags) Float(p *float64, name, env string, def float64, help string) {
	f.fs.Float64Var(p, name, def, f.help(help, env))
	f.bind(name, env)
}

func (f *Flags) bind(name, env string) {
	if env != "" {
		f.env[name] = env
	}
}

// Args returns the positional arguments after Parse.
func (f *Flags) Args() []string { return f.fs.Args() }

// Parse reads the command line, then fills flags not given there from the
// environment and then from the config file. It returns flag.ErrHelp
// after printing --help.
func (f *Flags) Parse(args []string) error {
	if err := f.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %w", ErrUsage, err)
	}
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if !set["config"] {
		if v, ok := os.LookupEnv("CW_CONFIG"); ok {
			f.config = v
		}
	}
	fileValues, err := readConfigFile(f.config)
	if err != nil {
		return err
	}
	var errs []error
	f.fs.VisitAll(func(fl *flag.Flag) {
		if set[fl.Name] || fl.Name == "config" {
			return
		}
		if env := f.env[fl.Name]; env != "" {
			if v, ok := os.LookupEnv(env); ok {
				if err := fl.Value.Set(v); err != nil {
					errs = append(errs, fmt.Errorf("%s=%q: %w", env, v, err))
				}
				return
			}
		}
		if v, ok := fileValues[fl.Name]; ok {
			if err := fl.Value.Set(v); err != nil {
				errs = append(errs, fmt.Errorf("config %s: %s=%q: %w", f.config, fl.Name, v, err))
			}
			delete(fileValues, fl.Name)
		}
	})
	for k := range fileValues {
		if f.fs.Lookup(k) == nil {
			errs = append(errs, fmt.Errorf("config %s: unknown option %q", f.config, k))
		}
	}
	return errors.Join(errs...)
}

func readConfigFile(path string) (map[string]string, error) {
	out := map[string]string{}
	if path == "" {
		return out, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	for k, v := range raw {
		switch x := v.(type) {
		case []any:
			parts := make([]string, len(x))
			for i, p := range x {
				parts[i] = fmt.Sprint(p)
			}
			out[k] = strings.Join(parts, ",")
		case map[string]any:
			return nil, fmt.Errorf("config %s: option %q must be a value or a list, not a map", path, k)
		default:
			out[k] = fmt.Sprint(x)
		}
	}
	return out, nil
}

func (f *Flags) usage() {
	w := f.fs.Output()
	fmt.Fprintf(w, "%s\n\nUsage: %s [options]\n\nOptions:\n", f.summary, f.fs.Name())
	var names []string
	f.fs.VisitAll(func(fl *flag.Flag) { names = append(names, fl.Name) })
	sort.Strings(names)
	for _, n := range names {
		fl := f.fs.Lookup(n)
		kind, usage := flag.UnquoteUsage(fl)
		line := "  --" + n
		if kind != "" {
			line += " " + kind
		}
		fmt.Fprintf(w, "%s\n    \t%s", line, usage)
		if fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "0" && fl.DefValue != "0s" {
			fmt.Fprintf(w, " [default %s]", fl.DefValue)
		}
		fmt.Fprintln(w)
	}
}
